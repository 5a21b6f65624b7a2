        response.callback(new Error('timeout exceeded when trying to connect'))
          err = new Error('Connection terminated due to connection timeout', { cause: err })
