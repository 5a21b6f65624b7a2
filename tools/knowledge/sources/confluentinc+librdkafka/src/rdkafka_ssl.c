                                     "SSL handshake failed: %s%s", errstr,
