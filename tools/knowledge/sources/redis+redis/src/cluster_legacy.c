        serverLog(LL_WARNING, "Failed listening on port %u (cluster), aborting.", listener->port);
