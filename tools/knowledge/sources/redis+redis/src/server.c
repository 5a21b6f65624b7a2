                "Warning: Could not create server TCP listening socket %s:%d: %s",
            serverLog(LL_WARNING, "Failed listening on port %u (%s), aborting.", listener->port, listener->ct->get_type(NULL));
