  static defaultMessage = "Failed to refresh slots cache.";
