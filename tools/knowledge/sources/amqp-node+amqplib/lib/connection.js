          bail(new Error(fmt('Handshake terminated by server: %s', closeMsg(reply))));
      bail(err || new Error('Socket closed abruptly ' + 'during opening handshake'));
      self.stream.on('end', self.onSocketError.bind(self, new Error('Unexpected close')));
