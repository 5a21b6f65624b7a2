    this.message = message || 'Headers Timeout Error'
    this.message = message || 'Body Timeout Error'
