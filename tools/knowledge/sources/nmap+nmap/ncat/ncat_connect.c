                loguser("Connection to %s failed: %s.\n", inet_socktop_safe(&peer),
