                            "Connect to %s failed: %s",
