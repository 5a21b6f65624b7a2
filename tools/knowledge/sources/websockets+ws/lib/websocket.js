      const msg = 'WebSocket was closed before the connection was established';
      abortHandshake(websocket, req, 'Opening handshake has timed out');
        `Unexpected server response: ${res.statusCode}`
      abortHandshake(websocket, socket, 'Invalid Sec-WebSocket-Accept header');
      protError = 'Server sent no subprotocol';
