        res.end("Invalid Host header");
          this.sendMessage([client], "error", "Invalid Host/Origin header");
      this.logger.info("Project is running at:");
        this.logger.info(`Loopback: ${loopbacks.join(", ")}`);
          `On Your Network (IPv4): ${colors.info(useColor, networkUrlIPv4)}`,
          `On Your Network (IPv6): ${colors.info(useColor, networkUrlIPv6)}`,
