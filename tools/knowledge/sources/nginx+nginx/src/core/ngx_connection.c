                                  "bind() to %V failed", &ls[i].addr_text);
        ngx_log_error(NGX_LOG_EMERG, log, 0, "still could not bind()");
