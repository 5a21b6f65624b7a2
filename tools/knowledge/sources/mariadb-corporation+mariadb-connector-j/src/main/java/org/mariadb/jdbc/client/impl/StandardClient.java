        String.format("Could not connect to %s : %s", hostAddress, e.getMessage()), "08000", e);
