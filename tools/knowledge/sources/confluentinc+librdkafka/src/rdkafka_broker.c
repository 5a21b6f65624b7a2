                            "%i/%i brokers are down",
                            "Failed to resolve '%s': %s", nodename, errstr);
                rd_kafka_broker_fail(rkb, LOG_ERR, err, "Receive failed: %s",
