    r->connection->log->action = "connecting to upstream";
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0, "no live upstreams");
                          "upstream prematurely closed connection");
        ngx_connection_error(c, NGX_ETIMEDOUT, "upstream timed out");
                               "%s in upstream \"%V\"", u.err, &u.url);
