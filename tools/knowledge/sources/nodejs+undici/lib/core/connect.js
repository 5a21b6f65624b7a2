    let message = 'Connect Timeout Error'
      message += ` (attempted address: ${opts.hostname}:${opts.port},`

