    super('Connection timeout');
    super('The client is closed');
    super('Socket closed unexpectedly');
