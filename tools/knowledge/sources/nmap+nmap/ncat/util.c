    fprintf(stderr, "%s: ", NCAT_NAME);
    fprintf(stderr, " QUITTING.\n");
        bye("bind to %s: %s.", socktop(srcaddr_u, sa_len),
            loguser("Listening on %s\n", socktop(&listenaddr, la_len));
