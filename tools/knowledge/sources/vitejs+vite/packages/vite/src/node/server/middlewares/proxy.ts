          `${colors.red(`http proxy error: ${res.req.url}`)}\n${err.stack}`,
        config.logger.error(`${colors.red(`ws proxy error:`)}\n${err.stack}`, {
          `${colors.red(`ws proxy socket error:`)}\n${err.stack}`,
