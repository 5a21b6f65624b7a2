            `WebSocket server error: Port ${e.port} is already in use`,
