                     "no listening sockets available, shutting down");
