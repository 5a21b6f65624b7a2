                            _i18n("The port %i is already in use, trying another port.") % port
                        "ERROR: the Jupyter server could not be started because "
                        "no available port could be found."
                        "ERROR: the Jupyter server could not be started because "
                        "port %i is not available."
