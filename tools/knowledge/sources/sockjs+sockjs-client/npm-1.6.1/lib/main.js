    this._close(1002, 'Cannot connect to server');
  this._close(2000, 'All transports failed', false);
