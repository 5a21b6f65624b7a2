		memprintf(errmsg, "cannot bind socket (%s)", strerror(errno));
