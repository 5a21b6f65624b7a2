                             "peer closed connection in SSL handshake");
    ngx_ssl_connection_error(c, sslerr, err, "SSL_do_handshake() failed");
