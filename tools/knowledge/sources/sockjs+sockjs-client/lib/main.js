  this._close(2000, 'All transports failed', false);
    this._transportClose(2007, 'Transport timed out');
    this._close(1006, 'Server lost session');
