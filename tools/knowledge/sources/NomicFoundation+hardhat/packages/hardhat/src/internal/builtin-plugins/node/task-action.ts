      `Started HTTP and WebSocket JSON-RPC server at http://${actualHostname}:${actualPort}/`,
