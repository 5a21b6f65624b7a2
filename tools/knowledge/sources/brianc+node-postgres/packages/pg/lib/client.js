      const error = this._ending ? new Error('Connection terminated') : new Error('Connection terminated unexpectedly')
