      message: `Cannot connect to the network %network%.
Please make sure your node is running, and check your internet connection and networks config`,
