        *err = "Unable to listen on this port. Check server logs.";
