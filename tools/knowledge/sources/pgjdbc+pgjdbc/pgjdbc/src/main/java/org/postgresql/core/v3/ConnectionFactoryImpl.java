            "Connection to {0} refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
        throw new PSQLException(GT.tr("The connection attempt failed."),
