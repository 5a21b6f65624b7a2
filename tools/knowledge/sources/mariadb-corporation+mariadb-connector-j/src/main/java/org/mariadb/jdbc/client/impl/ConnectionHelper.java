          String.format("Socket fail to connect to %s. %s", hostAddress, ioe.getMessage()),
