          'Max payload size exceeded',
      prefix ? `Invalid WebSocket frame: ${message}` : message
