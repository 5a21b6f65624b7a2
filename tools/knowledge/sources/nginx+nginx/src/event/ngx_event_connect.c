            ngx_log_error(level, c->log, err, "connect() to %V failed",
