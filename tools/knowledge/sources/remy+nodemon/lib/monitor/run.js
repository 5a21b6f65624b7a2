          'app crashed - waiting for file changes before' + ' starting...'
