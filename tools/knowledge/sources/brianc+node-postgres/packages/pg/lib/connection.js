          return self.emit('error', new Error('The server does not support SSL connections'))
