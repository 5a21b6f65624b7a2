  constructor(message = 'Topology is closed') {
    return 'MongoServerSelectionError';
