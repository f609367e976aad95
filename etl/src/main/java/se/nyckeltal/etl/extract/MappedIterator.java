package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.function.Function;

/** The elements of an iterator, each mapped as it is pulled: lines stream through a Spark task one at a time. */
public final class MappedIterator<A, B> implements Iterator<B> {
    private final Iterator<A> in;
    private final Function<? super A, ? extends B> map;

    public MappedIterator(Iterator<A> in, Function<? super A, ? extends B> map) {
        this.in = requireNonNull(in, "in");
        this.map = requireNonNull(map, "map");
    }

    @Override
    public boolean hasNext() {
        return in.hasNext();
    }

    @Override
    public B next() {
        return map.apply(in.next());
    }
}
