                98: "That port is already in use.",
                13: "You don't have permission to access that port.",
                99: "That IP address can't be assigned-to.",
            "Development server is running at http://%(addr)s:%(port)s/\n"
