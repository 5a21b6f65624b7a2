            logger.info("Uvicorn running on unix socket %s (Press CTRL+C to quit)", config.uds)
            message = f"Uvicorn running on {addr_format} (Press CTRL+C to quit)"
