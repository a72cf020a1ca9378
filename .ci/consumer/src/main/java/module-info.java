/** The consumer as a JPMS module: it reads zmq4j by its documented module name. */
module example {
    requires dev.zmq4j;
}
