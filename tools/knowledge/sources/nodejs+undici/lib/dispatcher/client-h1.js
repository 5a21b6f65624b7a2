      util.destroy(socket, new SocketError('bad response', util.getSocketInfo(socket)))
  util.destroy(this, new SocketError('other side closed', util.getSocketInfo(this)))
