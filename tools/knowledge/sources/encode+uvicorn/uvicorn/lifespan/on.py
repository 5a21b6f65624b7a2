            self.logger.error("Application startup failed. Exiting.")
