                              "upstream server temporarily disabled");
