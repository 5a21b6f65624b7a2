        fprintf(stderr,"Could not connect to Redis at %s:%d: %s.\n", src_ip,
