      log.info("Trying to reconnect...");
