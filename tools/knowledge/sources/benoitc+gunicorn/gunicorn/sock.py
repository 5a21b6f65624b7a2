                    log.error("Connection in use: %s", str(addr))
                    log.debug("Retrying in 1 second.")
            log.error("Can't connect to %s", str(addr))
