            bye("Could not resolve hostname \"%s\": %s.", o.target, gai_strerror(rc));
