                        : "failed to connect to all addresses; last error: "),
