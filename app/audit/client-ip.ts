/** The server sets this header from the socket, overwriting anything a client sends. */
export const CLIENT_IP_HEADER = 'x-kap-client-ip'
