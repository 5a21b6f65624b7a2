            self.log.info("Listening at: %s", listeners_str)
                self.log.critical("WORKER TIMEOUT (pid:%s)", pid)
                        reason = "Worker failed to boot."
