      '%d: starting server using command "%s"',
      'and when url "%s" is responding with HTTP status code %d',
