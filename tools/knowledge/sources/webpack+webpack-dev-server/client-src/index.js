    log.info("Disconnected!");
