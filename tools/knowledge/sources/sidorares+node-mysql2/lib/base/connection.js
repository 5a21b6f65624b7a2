          'Connection lost: The server closed the connection.'
      "Can't add new command when connection is in closed state"
    const err = new Error('connect ETIMEDOUT');
