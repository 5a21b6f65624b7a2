        u->err = "host not found";
